// Stylesheets are bundled by wp-scripts (webpack); TypeScript only needs to know they exist.
declare module '*.scss';
